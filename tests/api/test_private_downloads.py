"""The API's files are sent as the web pages send theirs (web/downloads.private_attachment): an
attachment with its file name, never kept by a cache."""

import io
import zipfile

import pytest

pytestmark = pytest.mark.db


def test_every_api_file_is_a_private_attachment(api, world):
    sid, pid = world.session.id, world.participant.id
    for who, path, mimetype, name in [
        (world.trainer, f"/sessions/{sid}/attendance-sheet.pdf", "application/pdf",
         f"emargement-session-{sid}.pdf"),
        (world.compliance, f"/participants/{pid}/personal-data", "application/zip",
         f"donnees-personnelles-{pid}.zip"),
        (world.compliance, f"/sessions/{sid}/attestations.zip", "application/zip",
         f"attestations-session-{sid}.zip"),
    ]:  # fmt: skip
        response = api.get(path, who)
        assert response.status_code == 200, (path, response.get_data(as_text=True))
        assert response.mimetype == mimetype
        assert response.headers["Content-Disposition"] == f"attachment; filename={name}"
        assert response.headers["Cache-Control"] == "private, no-store"
        data = response.get_data()
        if mimetype == "application/zip":
            assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
        else:
            assert data.startswith(b"%PDF")
