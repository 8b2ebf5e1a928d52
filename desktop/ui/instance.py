"""One window per data folder: a second start brings the running window forward."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    return f"mlprep-{digest}"


def signal_running_instance(data_dir: Path, timeout_ms: int = 500) -> bool:
    """True when another MLPrep window owns this data folder and was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(ACTIVATE)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later starts and emits ``activate_requested``."""

    activate_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.server = QLocalServer(self)
        name = server_name(data_dir)
        QLocalServer.removeServer(name)  # a stale socket from a crashed run
        self.listening = self.server.listen(name)
        self.server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            # The message is tiny: wait for it here rather than keep per-socket slots alive.
            if socket.bytesAvailable() or socket.waitForReadyRead(500):
                if bytes(socket.readAll()).startswith(ACTIVATE.strip()):
                    self.activate_requested.emit()
            socket.abort()
            socket.deleteLater()

    def close(self) -> None:
        self.server.close()
