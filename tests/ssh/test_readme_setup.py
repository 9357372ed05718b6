"""The README's team set-up, run as written (as root) in a throwaway account and folder.

The commands come out of the README itself (fenced blocks tagged ``sh team-…``), so the text
cannot drift from what works: only the names and paths in its first block are replaced by
throwaway ones under ``/srv`` (an SFTP chroot needs root-owned parents, ``/tmp`` is not).
Then people use it over a real sshd that includes the README's sshd settings: an editor and a
viewer in the TUI, the files account over SFTP, the cron user through the cron file's own
line, and ``team doctor`` finds nothing. Everything created is removed at the end.

Not run from the README: the ``apt-get install`` of the prerequisites (the tests' own tools are
checked instead) and ``systemctl reload ssh`` (the test starts its own sshd).
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from ssa_tui.store import Repository, audit

# The loopback SMTP server asks for the README's login without TLS (aiosmtpd warns about that).
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")]

REPOSITORY = Path(__file__).resolve().parents[2]
README = REPOSITORY / "README.md"
BLOCK = re.compile(r"^```sh (team-[a-z]+)\n(.*?)^```", re.S | re.M)
PASSWORD = "geheim-im-test"
SMTP_USER = "schulsozialarbeit"


def readme_blocks(tag: str) -> str:
    """The commands of every README block tagged ``sh TAG``, in order."""
    found = [body for name, body in BLOCK.findall(README.read_text(encoding="utf-8")) if name == tag]
    assert found, f"README has no ```sh {tag} block"
    return "\n".join(found)


def names_block(values: dict[str, str]) -> str:
    """The README's first block with every ``NAME=…`` line set to the test's value."""
    text = readme_blocks("team-names")
    for name, value in values.items():
        text, count = re.subn(rf"^{name}=.*$", f"{name}={value}", text, flags=re.M)
        assert count == 1, f"README's team-names block does not define {name} once"
    return text


class Mailbox:
    """Accepted messages, and the logins tried (the server wants the README's SMTP login)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.logins: list[tuple[bytes, bytes]] = []

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        self.logins.append((auth_data.login, auth_data.password))
        accepted = (auth_data.login, auth_data.password) == (SMTP_USER.encode(), PASSWORD.encode())
        return AuthResult(success=accepted)

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


class TeamServer:
    """What the README builds, with handles for the tests."""

    def __init__(self, root: Path, names: dict[str, str], port: int, mailbox: Mailbox) -> None:
        self.root = root
        self.names = names
        self.port = port
        self.mailbox = mailbox
        self.work = root / "work"
        self.account = names["SSA_ACCOUNT"]
        self.files_account = names["SSA_FILES_ACCOUNT"]
        self.db = Path(names["SSA_DATA"]) / "db.json"
        self.exchange = Path(names["SSA_EXCHANGE"])

    def run_block(self, tag: str, **kwargs) -> subprocess.CompletedProcess[str]:
        """Run the README's ``tag`` blocks after its names block, as root in the work folder."""
        script = names_block(self.names) + "\n" + readme_blocks(tag)
        return subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=self.work,
            env=clean_environment(),
            capture_output=True,
            text=True,
            timeout=600,
            **kwargs,
        )

    def key(self, person: str) -> Path:
        return self.work / person

    def ssh(self, ssh, person: str, account: str, *options: str) -> list[str]:
        return ["ssh", *options, *ssh.ssh_options(self.key(person), self.port), f"{account}@127.0.0.1"]

    def sftp(self, ssh, person: str, commands: str) -> subprocess.CompletedProcess[str]:
        options = ssh.ssh_options(self.key(person), self.port)
        options[options.index("-p")] = "-P"  # sftp spells the port option in upper case
        return subprocess.run(
            ["sftp", "-b", "-", *options, f"{self.files_account}@127.0.0.1"],
            input=commands,
            cwd=self.work,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def cron_job(self, word: str) -> subprocess.CompletedProcess[str]:
        """Run the cron file's line that contains ``word`` the way cron does (as its user, sh -c)."""
        text = Path(self.names["SSA_CRON"]).read_text(encoding="utf-8")
        environment = {"PATH": "/usr/bin:/bin", "SHELL": "/bin/sh", "LOGNAME": self.account}
        environment["HOME"] = pwd.getpwnam(self.account).pw_dir
        for line in text.splitlines():
            if re.match(r"^[A-Z_]+=", line):
                name, _, value = line.partition("=")
                environment[name] = value
        jobs = [line.split(None, 6) for line in text.splitlines() if line and line[0].isdigit()]
        (job,) = [fields for fields in jobs if f" {word} " in f" {fields[6]} "]
        assert job[5] == self.account
        command = job[6].replace("\\%", "%")
        return subprocess.run(
            ["runuser", "-u", self.account, "--", "env", "-i", *(f"{k}={v}" for k, v in environment.items())]
            + ["/bin/sh", "-c", command],
            capture_output=True,
            text=True,
            timeout=120,
        )


def clean_environment() -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SSA_")}
    environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    return environment


def smtp_server(mailbox: Mailbox) -> Controller:
    """aiosmtpd on a free loopback port (another port when one was taken meanwhile)."""
    for _ in range(5):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(
            mailbox,
            hostname="127.0.0.1",
            port=port,
            authenticator=mailbox.authenticate,
            auth_require_tls=False,
            auth_required=True,
        )
        try:
            controller.start()
        except (OSError, RuntimeError):
            continue
        return controller
    raise RuntimeError("no free port for the SMTP server")


def userdel(account: str) -> int:
    return subprocess.run(["userdel", account], capture_output=True).returncode


def why_not() -> str | None:
    if os.geteuid() != 0:
        return "the README's team set-up needs root (accounts, chroot, sshd)"
    for tool in ("/usr/sbin/sshd", "/usr/sbin/adduser", "/usr/sbin/runuser", "/usr/bin/ssh", "/usr/bin/sftp"):
        if not Path(tool).exists():
            return f"{tool} missing (.ci/run installs openssh-server, openssh-client and tmux)"
    if not shutil.which("tmux"):
        return "tmux missing (.ci/run installs it)"
    return None


@pytest.fixture(scope="module")
def team_server(ssh):
    reason = why_not()
    if reason:
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="ssa-test-", dir="/srv"))
    root.chmod(0o755)
    suffix = secrets.token_hex(3)
    mailbox = Mailbox()
    smtp = smtp_server(mailbox)
    names = {
        "SSA_ACCOUNT": f"ssa-t{suffix}",
        "SSA_FILES_ACCOUNT": f"ssa-f{suffix}",
        "SSA_DATA": f"{root}/ssa-tui/daten",
        "SSA_SFTP_ROOT": f"{root}/ssa-tui/sftp",
        "SSA_EXCHANGE": f"{root}/ssa-tui/sftp/austausch",
        "SSA_BACKUPS": f"{root}/ssa-tui/sicherungen",
        "SSA_LOGS": f"{root}/log",
        "SSA_ETC": f"{root}/etc",
        "SSA_VENV": f"{root}/venv",
        "SSA_KEYS": f"{root}/keys",
        "SSA_SSHD_CONFIG": f"{root}/sshd_config",
        "SSA_SSHD_DROPIN": f"{root}/sshd-ssa-tui.conf",
        "SSA_CRON": f"{root}/cron-ssa-tui",
        "SSA_SOURCE": f"{root}/source",
        "SSA_SMTP_HOST": "127.0.0.1",
        "SSA_SMTP_PORT": str(smtp.port),
        "SSA_SMTP_STARTTLS": "false",
        "SSA_SMTP_USER": SMTP_USER,
        "SSA_MAIL_FROM": "schulsozialarbeit@kreis-soest.de",
    }
    sshd = None
    try:
        shutil.copytree(
            REPOSITORY,
            names["SSA_SOURCE"],
            ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info", "build", ".*cache"),
        )
        work = root / "work"
        work.mkdir()
        for person in ("britta", "praktikum"):
            subprocess.run(
                [
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    f"{person}@laptop",
                    "-f",
                    str(work / person),
                ],
                check=True,
            )
        server = TeamServer(root, names, 0, mailbox)
        result = server.run_block("team-setup", input=PASSWORD + "\n")
        assert result.returncode == 0, result.stdout + result.stderr
        host_key = root / "host_key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)], check=True)

        def write_config(port: int) -> Path:
            config = Path(names["SSA_SSHD_CONFIG"])
            config.write_text(
                f"Include {names['SSA_SSHD_DROPIN']}\nPort {port}\nListenAddress 127.0.0.1\n"
                f"HostKey {host_key}\nPidFile {root}/sshd.pid\nUsePAM no\nPasswordAuthentication no\n"
                "KbdInteractiveAuthentication no\nPermitRootLogin no\nPrintMotd no\nPrintLastLog no\n"
                "Subsystem sftp internal-sftp\nLogLevel ERROR\n"
            )
            return config

        sshd, server.port = ssh.sshd_on_a_free_port(write_config)
        yield server
    finally:
        if sshd is not None:
            sshd.terminate()
            sshd.wait(timeout=10)
        smtp.stop()
        ssh.wait_gone(Path(names["SSA_DATA"]) / "db.json")
        for account in (names["SSA_FILES_ACCOUNT"], names["SSA_ACCOUNT"]):
            # userdel refuses (exit 8) while a session of the account is still ending
            ssh.wait_until(lambda: userdel(account) != 8, 15, f"userdel {account}")
        subprocess.run(["groupdel", names["SSA_ACCOUNT"]], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def test_editor_viewer_and_cron_user_work_and_the_doctor_finds_nothing(team_server, terminals, ssh) -> None:
    server = team_server
    editor = terminals("britta", server.ssh(ssh, "britta", server.account, "-tt"))
    editor.wait_for("britta · Bearbeitung")
    editor.keys("n")
    editor.wait_for_cursor_after("Schule *")
    editor.text("Schule aus der Einrichtung")
    editor.wait_for("Schule aus der Einrichtung")
    editor.keys("C-s")
    editor.wait_for("Gespeichert")
    editor.keys("q")
    ssh.wait_gone(server.db)

    viewer = terminals("praktikum", server.ssh(ssh, "praktikum", server.account, "-tt"))
    viewer.wait_for("praktikum · nur lesen")
    viewer.keys("q")
    ssh.wait_gone(server.db)

    # The contact form's export arrives over SFTP; cron imports it as cron-import.
    (server.work / "stellen.csv").write_text("Schule;Ort\nSchule aus dem Formular;Soest\n", encoding="utf-8")
    put = server.sftp(ssh, "britta", "put stellen.csv\n")
    assert put.returncode == 0, put.stderr
    result = server.cron_job("import")
    assert result.returncode == 0, result.stderr
    log = (Path(server.names["SSA_LOGS"]) / "import.log").read_text(encoding="utf-8").splitlines()
    assert log and all(re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ", line) for line in log), log
    assert log[-1].endswith(" Exit-Code 0"), log

    changes = [(c.user, c.after.get("school")) for c in audit.read(server.db) if c.action == "create"]
    assert ("britta", "Schule aus der Einrichtung") in changes
    assert ("cron-import", "Schule aus dem Formular") in changes
    assert Repository(server.db, user="t").records("positions")

    doctor = server.run_block("team-doctor")
    assert (doctor.returncode, doctor.stderr) == (0, ""), doctor.stdout
    assert doctor.stdout.startswith("Keine Befunde"), doctor.stdout


def test_sftp_reaches_the_exchange_folder_and_nothing_else(team_server, ssh) -> None:
    """Issue 9: staff put and get files in the exchange folder; every path outside is refused."""
    server = team_server
    (server.work / "kontakte.csv").write_text("Name\nAus dem Netz\n", encoding="utf-8")
    put = server.sftp(ssh, "britta", "put kontakte.csv\n")
    assert put.returncode == 0, put.stderr
    stored = server.exchange / "kontakte.csv"
    assert stored.read_text(encoding="utf-8") == "Name\nAus dem Netz\n"
    assert stored.stat().st_gid == pwd.getpwnam(server.account).pw_gid  # the app's group can read it

    export = server.exchange / "stellen-export.csv"
    export.write_text("Schule\nexportiert\n", encoding="utf-8")
    shutil.chown(export, server.account, server.account)
    (server.work / "stellen-export.csv").unlink(missing_ok=True)
    get = server.sftp(ssh, "britta", "get stellen-export.csv\n")
    assert get.returncode == 0, get.stderr
    assert (server.work / "stellen-export.csv").read_text(encoding="utf-8") == "Schule\nexportiert\n"

    before = server.db.read_bytes()
    outside = [
        "put kontakte.csv ../kontakte.csv",  # the chroot's root: root-owned, not writable
        "put kontakte.csv /kontakte.csv",
        f"put kontakte.csv {server.db.parent}/db.json",  # the real path does not exist in the chroot
        f"get {server.db} gestohlen.json",
        "get ../../daten/db.json gestohlen.json",
        "get /etc/passwd gestohlen.txt",
    ]
    for command in outside:
        refused = server.sftp(ssh, "britta", command + "\n")
        assert refused.returncode != 0, command
        assert re.search("denied|not found|No such file", refused.stderr), (command, refused.stderr)
    assert not (server.work / "gestohlen.json").exists() and not (server.work / "gestohlen.txt").exists()
    assert server.db.read_bytes() == before
    listing = server.sftp(ssh, "britta", "ls -1 /\n")
    assert listing.stdout.split()[-1:] == [f"/{server.exchange.name}"], listing.stdout

    # No shell for the files account, and the TUI key runs the TUI whatever the client asks.
    shell = subprocess.run(
        server.ssh(ssh, "britta", server.files_account, "-T") + ["cat /etc/passwd"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "root:" not in shell.stdout and shell.returncode != 0
    command = subprocess.run(
        server.ssh(ssh, "britta", server.account, "-T") + ["cat /etc/passwd"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert "root:" not in command.stdout and command.returncode == 2, command.stderr


def test_a_revoked_key_is_refused_at_once(team_server, ssh) -> None:
    server = team_server
    before = subprocess.run(
        server.ssh(ssh, "praktikum", server.account, "-T"),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert before.returncode == 2  # logged in: the TUI says it needs a terminal
    result = server.run_block("team-revoke")
    assert result.returncode == 0, result.stderr
    after = subprocess.run(
        server.ssh(ssh, "praktikum", server.account, "-T"),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert after.returncode == 255 and "Permission denied" in after.stderr
    still = subprocess.run(
        server.ssh(ssh, "britta", server.account, "-T"),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert still.returncode == 2  # the others keep their access


def test_the_cron_backup_into_a_missing_or_unwritable_folder_logs_one_dated_line(team_server) -> None:
    """Issue 17: the README's cron backup line fails with one dated line and its exit code."""
    server = team_server
    backups = Path(server.names["SSA_BACKUPS"])
    log = Path(server.names["SSA_LOGS"]) / "backup.log"
    moved = backups.with_name("sicherungen.weg")
    outcomes = []
    try:
        backups.rename(moved)
        seen = len(log.read_text(encoding="utf-8").splitlines())
        assert server.cron_job("backup").returncode == 0  # the wrapper logs; cron mails nothing
        outcomes.append(log.read_text(encoding="utf-8").splitlines()[seen:])
        moved.rename(backups)
        shutil.chown(backups, "root", "root")
        backups.chmod(0o755)
        seen = len(log.read_text(encoding="utf-8").splitlines())
        assert server.cron_job("backup").returncode == 0
        outcomes.append(log.read_text(encoding="utf-8").splitlines()[seen:])
    finally:
        if moved.exists():
            moved.rename(backups)
        shutil.chown(backups, server.account, server.account)
        backups.chmod(0o2770)
    dated = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d "
    missing, unwritable = outcomes
    assert len(missing) == 2 and re.fullmatch(dated + "Exit-Code 2", missing[1]), missing
    assert re.fullmatch(dated + re.escape(f"Ordner nicht gefunden: {backups}"), missing[0]), missing
    assert len(unwritable) == 2 and re.fullmatch(dated + "Exit-Code 2", unwritable[1]), unwritable
    written = (
        re.escape(f"Datei {backups}/db-") + r"\d{4}-\d\d-\d\d" + re.escape(".json konnte nicht geschrieben")
    )
    assert re.match(dated + written, unwritable[0]), unwritable
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_the_tui_export_takes_a_name_in_the_exchange_folder_never_a_path(team_server, terminals, ssh) -> None:
    """Issue 9: over SSH, ``x`` writes only into the exchange folder, where SFTP fetches it."""
    server = team_server
    outside = Path(tempfile.gettempdir()) / f"ssa-export-{secrets.token_hex(4)}"
    editor = terminals("export", server.ssh(ssh, "britta", server.account, "-tt"), size=(100, 30))
    editor.wait_for("britta · Bearbeitung")
    for typed in ("../gestohlen.xlsx", str(outside), f"{server.db.parent}/db.json"):
        editor.keys("x")
        editor.wait_for("positions.xlsx")  # the proposed name, selected: typing replaces it
        editor.text(typed)
        editor.wait_for(typed)
        editor.keys("Enter")
        editor.wait_for("Nur ein Dateiname im Austauschordner, kein Pfad")
        editor.keys("Escape")
        ssh.wait_until(lambda: "Dateiname (im Ordner" not in editor.screen(), 10, "the dialog to close")
    assert not outside.exists()
    assert not (server.exchange.parent / "gestohlen.xlsx").exists()
    editor.keys("x")
    editor.wait_for("positions.xlsx")
    editor.text("stellen-ssh.xlsx")
    editor.wait_for("stellen-ssh.xlsx")
    editor.keys("Enter")
    editor.wait_for("exportiert")
    exported = server.exchange / "stellen-ssh.xlsx"
    assert exported.stat().st_mode & 0o777 == 0o660
    get = server.sftp(ssh, "britta", "get stellen-ssh.xlsx\n")
    assert get.returncode == 0, get.stderr
    assert (server.work / "stellen-ssh.xlsx").read_bytes() == exported.read_bytes()


def test_a_newsletter_sent_over_ssh_uses_the_settings_file_and_the_password_file(
    team_server, terminals, ssh
) -> None:
    """Issue 17: the forced command's environment has no SMTP settings; the file has them."""
    server = team_server
    contacts = server.exchange / "kontakte-newsletter.csv"
    contacts.write_text(
        "Name;E-Mail;Newsletter-Einwilligung;Einwilligung am\n"
        "Anna Beispiel;anna@example.org;ja;01.10.2026\n"
        "Bernd Beispiel;bernd@example.org;ja;02.10.2026\n"
        "Ohne Einwilligung;ohne@example.org;nein;\n",
        encoding="utf-8",
    )
    shutil.chown(contacts, server.account, server.account)
    imported = subprocess.run(
        ["runuser", "-u", server.account, "--", f"{server.names['SSA_VENV']}/bin/ssa-tui"]
        + ["--db", str(server.db), "--config", f"{server.names['SSA_ETC']}/ssa-tui.toml"]
        + ["--user", "cron-import", "import", "contacts", str(contacts)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr
    sent_before = len(server.mailbox.messages)

    editor = terminals("newsletter", server.ssh(ssh, "britta", server.account, "-tt"), size=(110, 32))
    editor.wait_for("britta · Bearbeitung")
    editor.keys("5")
    editor.wait_for("Betreff")
    editor.keys("n")
    editor.wait_for_cursor_after("Betreff *")
    editor.text("Grüße über SSH")
    editor.wait_for("Grüße über SSH")
    editor.keys("C-s")
    editor.wait_for("Gespeichert")
    editor.keys("Escape")
    ssh.wait_until(lambda: "Speichern" not in editor.screen(), 10, "the form to close")
    editor.keys("s")
    editor.wait_for("Newsletter „Grüße über SSH“ jetzt an 2 Empfänger senden?")
    editor.keys("BTab", "Enter")  # from „Schließen“ back to „Senden“
    editor.wait_for("2 versendet, 0 schon zuvor versendet, 0 fehlgeschlagen")

    new = server.mailbox.messages[sent_before:]
    assert sorted(to for _, tos, _ in new for to in tos) == ["anna@example.org", "bernd@example.org"]
    assert {sender for sender, _, _ in new} == {server.names["SSA_MAIL_FROM"]}
    assert (SMTP_USER.encode(), PASSWORD.encode()) in server.mailbox.logins
