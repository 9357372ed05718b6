"""The baseline of the benchmarks: a bare Textual app with a Header, an empty DataTable and a Footer."""

from textual.app import App
from textual.widgets import DataTable, Footer, Header


class BareApp(App):
    TITLE = "bare"

    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
