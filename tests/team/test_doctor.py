"""``ssa-tui team doctor`` on a throwaway team set-up: clean when sound, one finding per break.

The set-up is built the way the README builds it (a real service account, root-owned settings
and keys, an sshd config read with ``sshd -T``, a cron file, a fresh backup, a real SMTP server
on loopback); each test breaks one thing and expects exactly that finding, with its fix, and
exit 1. Needs root (accounts, ``chown``); skipped otherwise.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from ssa_tui.demo import build
from ssa_tui.team.keys import authorized_keys_line

PROGRAM = str(Path(sys.executable).with_name("ssa-tui"))
SSHD = "/usr/sbin/sshd"


class Sink:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


class BoundController(Controller):
    """Serves on a socket bound to port 0 before the start: no other test can take the port."""

    def __init__(self, handler) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        super().__init__(handler, hostname="127.0.0.1", port=self.sock.getsockname()[1])

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self.sock, ssl=self.ssl_context)


@pytest.fixture(scope="module")
def account():
    if os.geteuid() != 0:
        pytest.skip("team doctor's set-up needs root (a service account, chown)")
    if not (Path(SSHD).exists() and shutil.which("ssh-keygen")):
        pytest.skip("OpenSSH server/client missing (.ci/run installs them)")
    name = f"ssa-d{secrets.token_hex(3)}"
    subprocess.run(
        ["useradd", "--system", "--user-group", "--no-create-home", "-s", "/bin/sh", name], check=True
    )
    yield name
    subprocess.run(["userdel", name], capture_output=True)
    subprocess.run(["groupdel", name], capture_output=True)


@pytest.fixture(scope="module")
def smtp_port():
    controller = BoundController(Sink())
    controller.start()
    yield controller.port
    controller.stop()


class SetUp:
    """A sound team set-up under ``root``; the tests break one part of it."""

    def __init__(self, root: Path, account: str, smtp_port: int) -> None:
        self.root = root
        self.account = account
        self.data = root / "daten"
        self.db = self.data / "db.json"
        self.etc = root / "etc"
        self.config = self.etc / "ssa-tui.toml"
        self.password = self.etc / "smtp-passwort"
        self.keys = root / "keys" / account
        self.sshd_config = root / "sshd_config"
        self.cron = root / "cron"
        self.backups = root / "sicherungen"
        self.smtp_port = smtp_port
        root.chmod(0o755)
        self.data.mkdir()
        build(self.db)
        for folder, _, names in os.walk(self.data):
            os.chmod(folder, 0o2770)
            shutil.chown(folder, account, account)
            for name in names:
                os.chmod(Path(folder, name), 0o660)
                shutil.chown(Path(folder, name), account, account)
        self.etc.mkdir(mode=0o750)
        shutil.chown(self.etc, "root", account)
        self.password.write_text("geheim\n")
        self.write_config(cron_role="editor")
        self.config.chmod(0o640)
        shutil.chown(self.config, "root", account)
        self.password.chmod(0o600)  # the service account's own secret: nobody else reads it
        shutil.chown(self.password, account, account)
        self.keys.parent.mkdir()
        key = root / "britta"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        self.public_key = key.with_suffix(".pub").read_text()
        self.write_keys(self.key_line())
        host_key = root / "host_key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)], check=True)
        self.write_sshd(alive=60, host_key=host_key)
        self.backups.mkdir()
        (self.backups / "db-2026-11-27.json").write_bytes(self.db.read_bytes())
        self.write_cron(
            f"SSA_TUI_CONFIG={self.config}\n"
            f"15 2 * * *  {account}  {PROGRAM} --db {self.db} --user cron-import import positions /x/stellen.csv\n"
            f"30 2 * * *  {account}  {PROGRAM} --db {self.db} backup -o {self.backups}/db-$(date +\\%F).json\n"
        )

    def write_config(self, *, cron_role: str, mail: str | None = None) -> None:
        mail = (
            mail
            if mail is not None
            else (
                f'host = "127.0.0.1"\nport = {self.smtp_port}\nsender = "office@example.org"\n'
                f'password_file = "{self.password}"\n'
            )
        )
        self.config.write_text(
            f'[roles]\nbritta = "editor"\ncron-import = "{cron_role}"\n\n[mail]\n{mail}', encoding="utf-8"
        )

    def key_line(self, **environ: str) -> str:
        environ = environ or {"SSA_TUI_CONFIG": str(self.config)}
        return authorized_keys_line(PROGRAM, self.db, "britta", self.public_key, environ=environ)

    def write_keys(self, *lines: str) -> None:
        self.keys.write_text("".join(line + "\n" for line in lines))
        self.keys.chmod(0o644)

    def write_sshd(self, *, alive: int, host_key: Path | None = None) -> None:
        host_key = host_key or self.root / "host_key"
        self.sshd_config.write_text(
            f"HostKey {host_key}\nClientAliveInterval {alive}\nClientAliveCountMax 3\n"
            f"Match User {self.account}\n    AuthorizedKeysFile {self.keys.parent}/%u\n"
        )

    def write_cron(self, text: str) -> None:
        self.cron.write_text(text)
        self.cron.chmod(0o644)

    def doctor(self) -> subprocess.CompletedProcess[str]:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
        return subprocess.run(
            [PROGRAM, "--db", str(self.db), "--config", str(self.config), "team", "doctor"]
            + [
                "--account",
                self.account,
                "--sshd-config",
                str(self.sshd_config),
                "--cron-file",
                str(self.cron),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=environment,
        )


@pytest.fixture
def setup(tmp_path: Path, account: str, smtp_port: int) -> SetUp:
    return SetUp(tmp_path, account, smtp_port)


def only_finding(setup: SetUp) -> str:
    """The doctor's one finding (exit 1, one line plus the count), for the assertions."""
    result = setup.doctor()
    lines = result.stdout.splitlines()
    assert (result.returncode, result.stderr, len(lines)) == (1, "", 2), result.stdout + result.stderr
    assert lines[1] == "1 Befund(e)."
    assert ". Abhilfe: " in lines[0]
    return lines[0]


def test_a_sound_set_up_has_no_findings(setup: SetUp) -> None:
    result = setup.doctor()
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    assert result.stdout == f"Keine Befunde: die Team-Einrichtung von {setup.db} ist in Ordnung.\n"


def test_a_file_beside_the_db_with_the_umask_s_mode(setup: SetUp) -> None:
    (setup.data / "db.json.audit.jsonl").chmod(0o644)
    line = only_finding(setup)
    assert line.startswith("1 Dateien neben der Datenbank haben nicht Modus 0660, z. B. ")
    assert f"{setup.data}/db.json.audit.jsonl (0644)" in line
    assert line.endswith(f"Abhilfe: find {setup.data} -type f -exec chmod 0660 {{}} +")


def test_a_folder_without_setgid(setup: SetUp) -> None:
    folder = setup.data / "db.json.backups"
    folder.mkdir(exist_ok=True)
    shutil.chown(folder, setup.account, setup.account)
    folder.chmod(0o755)
    line = only_finding(setup)
    assert line.startswith(f"1 Ordner haben nicht Modus 2770, z. B. {folder} (0755)")


def test_a_root_owned_db_cannot_be_replaced_or_backed_up(setup: SetUp) -> None:
    shutil.chown(setup.db, "root", "root")
    setup.db.chmod(0o644)
    result = setup.doctor()
    assert result.returncode == 1
    assert f"{setup.account} kann {setup.db} nicht ersetzen und nicht hart verlinken" in result.stdout
    assert f"Abhilfe: chown -R {setup.account}:" in result.stdout


def test_a_file_of_another_owner_beside_the_db(setup: SetUp) -> None:
    stray = setup.data / "kopie.json"
    stray.write_text("{}")
    stray.chmod(0o660)
    line = only_finding(setup)
    assert line.startswith(f"1 Einträge neben der Datenbank gehören nicht {setup.account}:{setup.account}")
    assert f"{stray} (root:{setup.account})" in line  # the setgid folder gave it the group


def test_a_roles_file_the_service_account_could_rewrite(setup: SetUp) -> None:
    shutil.chown(setup.config, setup.account, setup.account)
    line = only_finding(setup)
    assert line.startswith(f"{setup.account} kann die Rollendatei {setup.config} ändern oder ersetzen")


def test_a_roles_file_with_a_syntax_error(setup: SetUp) -> None:
    setup.config.write_text('[roles]\nbritta = "editor\n')
    result = setup.doctor()
    assert result.returncode == 1
    assert result.stdout.startswith("Rollen-/Einstellungsdatei unbrauchbar: ")
    assert str(setup.config) in result.stdout.splitlines()[0]


def test_the_cron_import_user_is_not_an_editor(setup: SetUp) -> None:
    setup.write_config(cron_role="viewer")
    line = only_finding(setup)
    assert line.startswith("Der Cron-Import läuft als cron-import, Rolle viewer: er würde abgelehnt")
    assert line.endswith('Abhilfe: cron-import = "editor" unter [roles] eintragen')


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda line: line.replace(",restrict", ""), "Schlüssel ohne restrict"),
        (lambda line: line.split(",restrict,pty ", 1)[1], "Schlüssel ohne command="),
        (lambda line: line.replace("--db /", "--db /anders/"), "command= nennt eine andere Datenbank"),
    ],
)
def test_a_key_line_without_its_protection(setup: SetUp, change, problem: str) -> None:
    setup.write_keys(setup.key_line(), change(setup.key_line()))
    line = only_finding(setup)
    assert line.startswith(f"{setup.keys}, Zeile 2: {problem}")


def test_a_key_whose_command_forgets_the_settings_file(setup: SetUp) -> None:
    setup.write_keys(setup.key_line(LANG="C.UTF-8"))
    line = only_finding(setup)
    assert line.startswith(f"{setup.keys}, Zeile 1: command= setzt SSA_TUI_CONFIG={setup.config} nicht")


def test_a_key_file_the_service_account_owns(setup: SetUp) -> None:
    shutil.chown(setup.keys, setup.account, setup.account)
    line = only_finding(setup)
    assert line.startswith(f"{setup.account} kann seine Schlüsseldatei {setup.keys} ändern")


def test_sshd_keeps_frozen_clients(setup: SetUp) -> None:
    setup.write_sshd(alive=0)
    line = only_finding(setup)
    assert line.startswith("sshd: ClientAliveInterval 0, ClientAliveCountMax 3")


def test_no_mail_settings(setup: SetUp) -> None:
    setup.write_config(cron_role="editor", mail="")
    result = setup.doctor()
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        'Kein Absender: bitte sender = "…" unter [mail] in ssa-tui.toml eintragen '
        "oder SSA_TUI_MAIL_FROM setzen (z. B. schulsozialarbeit@kreis-soest.de).",
        'Kein SMTP-Server: bitte host = "…" unter [mail] in ssa-tui.toml eintragen oder SSA_TUI_SMTP_HOST setzen.',
        "2 Befund(e).",
    ]


def test_an_smtp_server_that_does_not_answer(setup: SetUp) -> None:
    with socket.socket() as held:  # bound, never listening: refused, and no one else can take it
        held.bind(("127.0.0.1", 0))
        closed = held.getsockname()[1]
        setup.write_config(
            cron_role="editor",
            mail=f'host = "127.0.0.1"\nport = {closed}\nsender = "o@example.org"\npassword_file = "{setup.password}"\n',
        )
        line = only_finding(setup)
    assert line.startswith(f"SMTP-Server 127.0.0.1:{closed} antwortet nicht mit 220")


def test_a_password_file_others_can_read(setup: SetUp) -> None:
    setup.password.chmod(0o640)
    result = setup.doctor()
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        f"Passwortdatei {setup.password} ist für andere lesbar (Rechte 640) – nicht verwendet. "
        f"Abhilfe: chmod 600 {setup.password}",
        "1 Befund(e).",
    ]


def test_a_password_file_the_service_account_cannot_read(setup: SetUp) -> None:
    shutil.chown(setup.password, "root", "root")
    line = only_finding(setup)
    assert line == (
        f"{setup.account} kann die Passwortdatei {setup.password} nicht lesen (Modus 0600, Besitzer "
        f"root:root). Abhilfe: chown {setup.account}:{setup.account} {setup.password} && chmod 0600 "
        f"{setup.password}"
    )


def test_no_cron_file(setup: SetUp) -> None:
    setup.cron.unlink()
    line = only_finding(setup)
    assert line.startswith(f"Cron-Datei {setup.cron} fehlt")


def test_a_cron_file_cron_would_ignore(setup: SetUp) -> None:
    setup.cron.chmod(0o666)
    line = only_finding(setup)
    assert line.startswith(
        f"cron übergeht {setup.cron}: die Datei gehört nicht root oder andere dürfen schreiben"
    )


def test_a_cron_file_without_the_last_line_break(setup: SetUp) -> None:
    setup.write_cron(setup.cron.read_text().rstrip("\n"))
    line = only_finding(setup)
    assert line.startswith(f"Die letzte Zeile von {setup.cron} endet nicht mit einem Zeilenumbruch")


def test_a_cron_file_without_the_settings_file(setup: SetUp) -> None:
    setup.write_cron("".join(setup.cron.read_text().splitlines(keepends=True)[1:]))
    line = only_finding(setup)
    assert line.startswith(f"{setup.cron} setzt SSA_TUI_CONFIG={setup.config} nicht")


def test_a_cron_file_without_a_backup(setup: SetUp) -> None:
    setup.write_cron(
        "".join(line for line in setup.cron.read_text().splitlines(True) if " backup " not in line)
    )
    line = only_finding(setup)
    assert line.startswith(f"{setup.cron} hat keine backup-Zeile für {setup.account}")


def test_the_newest_backup_is_two_days_old(setup: SetUp) -> None:
    old = time.time() - 2 * 24 * 3600
    os.utime(setup.backups / "db-2026-11-27.json", (old, old))
    line = only_finding(setup)
    assert line.startswith(f"In {setup.backups} ist keine Sicherung jünger als 36 Stunden")


def test_an_unknown_account_is_a_usage_error(setup: SetUp) -> None:
    setup.account = "gibt-es-nicht"
    result = setup.doctor()
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "Dienstkonto gibt-es-nicht gibt es nicht (--account NAME).\n"


def test_files_people_put_into_an_exchange_folder_beside_the_db_are_theirs(setup: SetUp) -> None:
    exchange = setup.data / "exchange"
    exchange.mkdir()
    shutil.chown(exchange, setup.account, setup.account)
    exchange.chmod(0o2770)
    (exchange / "von-sftp.csv").write_text("Name\n")  # root's, 0644: not the doctor's business
    result = setup.doctor()
    assert result.returncode == 0, result.stdout
    exchange.chmod(0o755)
    line = only_finding(setup)
    assert line.startswith(f"1 Ordner haben nicht Modus 2770, z. B. {exchange} (0755)")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda line: line.replace('command="', "command=\"'", 1), "command= startet nicht ssa-tui"),
        (lambda line: line.replace("/ssa-tui ", "/python3 ", 1), "command= startet nicht ssa-tui"),
        (lambda line: line.replace(" --user ", " --benutzer ", 1), "command= startet nicht ssa-tui"),
    ],
    ids=["unbalanced-quote", "another-program", "no-user"],
)
def test_a_key_whose_command_does_not_start_ssa_tui_for_one_person(
    setup: SetUp, change, problem: str
) -> None:
    setup.write_keys("# britta, Büro", "", change(setup.key_line()))
    line = only_finding(setup)
    assert line.startswith(f"{setup.keys}, Zeile 3: {problem} mit --db und --user")


def test_a_key_command_naming_a_program_the_service_account_can_change(setup: SetUp) -> None:
    program = setup.root / "bin" / "ssa-tui"
    program.parent.mkdir()
    shutil.copy(PROGRAM, program)
    shutil.chown(program, setup.account, setup.account)
    setup.write_keys(setup.key_line().replace(PROGRAM, str(program)))
    line = only_finding(setup)
    assert line.startswith(f"{setup.keys}, Zeile 1: {setup.account} kann das Programm {program} ändern")


def test_no_key_file_at_all(setup: SetUp) -> None:
    setup.keys.unlink()
    line = only_finding(setup)
    assert line.startswith(f"Keine authorized_keys-Datei für {setup.account} gefunden")


def test_a_folder_in_place_of_the_key_file(setup: SetUp) -> None:
    setup.keys.unlink()
    setup.keys.mkdir()
    result = setup.doctor()
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{setup.keys} nicht lesbar (ist ein Ordner)")
    assert lines[1].startswith(f"Keine authorized_keys-Datei für {setup.account} gefunden")
    assert lines[2] == "2 Befund(e)."


def test_an_sshd_config_sshd_refuses(setup: SetUp) -> None:
    setup.sshd_config.write_text("DiesIstKeineOption ja\n")
    result = setup.doctor()
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        f"sshd -T -f {setup.sshd_config} lief nicht: Einstellungen von sshd nicht geprüft"
    )
    # Without sshd's answer the keys are looked for where sshd looks by default: in the home.
    assert lines[1].startswith(f"Keine authorized_keys-Datei für {setup.account} gefunden")


def test_a_cron_file_without_the_import(setup: SetUp) -> None:
    setup.write_cron(
        "".join(line for line in setup.cron.read_text().splitlines(True) if " import " not in line)
    )
    line = only_finding(setup)
    assert line.startswith(f"{setup.cron} hat keine import-Zeile für {setup.account}")


def test_a_missing_database_is_the_first_finding(setup: SetUp) -> None:
    setup.db.rename(setup.db.with_name("weg.json"))
    line = only_finding(setup)
    assert line == (
        f"Datenbank {setup.db} fehlt (Datei oder Ordner nicht gefunden). "
        "Abhilfe: als Dienstkonto anlegen: runuser -u KONTO -- ssa-tui --db PFAD init"
    )
