"""Private downloads: named attachments that no shared cache keeps."""

from lexom_learning.web.downloads import private_attachment


def test_a_private_attachment_is_named_and_never_cached(app):
    with app.test_request_context():
        response = private_attachment(b"%PDF", "application/pdf", "emargement-session-3.pdf")
    assert response.mimetype == "application/pdf"
    assert response.get_data() == b"%PDF"
    assert (
        response.headers["Content-Disposition"] == "attachment; filename=emargement-session-3.pdf"
    )
    assert response.headers["Cache-Control"] == "private, no-store"


def test_a_non_ascii_name_has_an_ascii_fallback_and_its_utf8_form(app):
    with app.test_request_context():
        response = private_attachment(iter([b"a", b"b"]), "application/zip", "déroulé.zip")
    disposition = response.headers["Content-Disposition"]
    assert "filename=deroule.zip" in disposition
    assert "filename*=UTF-8''d%C3%A9roul%C3%A9.zip" in disposition
    assert response.get_data() == b"ab"
