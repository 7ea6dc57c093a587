"""Evidence files: checked by content, limited in size, stored privately and
encrypted, with a clean copy (no EXIF/GPS, no PDF info or XMP) beside the original."""

import io
from pathlib import Path

from django.test import TestCase

import pikepdf
import pytest
from PIL import Image

from tests.tips.conftest import jpeg_with_gps, tip_form_data, upload
from tips import crypto
from tips.models import Tip, TipAttachment
from tips.tasks import clean_evidence

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def pdf_with_metadata() -> bytes:
    """A one-page PDF that names its author everywhere a PDF can: document info,
    catalog XMP, page XMP, an annotation's author, and a photo with GPS EXIF."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    photo = pikepdf.Stream(pdf, jpeg_with_gps())
    photo.Type, photo.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    photo.Width, photo.Height, photo.BitsPerComponent = 32, 24, 8
    photo.ColorSpace, photo.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.DCTDecode
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=photo))
    page.Contents = pdf.make_stream(b"q 64 0 0 48 10 10 cm /Im0 Do Q")
    page.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Text,
                    Rect=[0, 0, 10, 10],
                    T=pikepdf.String("Marker Author"),
                    Contents=pikepdf.String("note"),
                )
            ]
        )
    )
    page.Metadata = pdf.make_stream(b"<x:xmpmeta>dc:creator Marker Author</x:xmpmeta>")
    pdf.docinfo["/Author"] = "Marker Author"
    pdf.docinfo["/Title"] = "Secret memo"
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = ["Marker Author"]
    out = io.BytesIO()
    pdf.save(out, static_id=False)
    return out.getvalue()


def stored(field) -> bytes:
    with field.open("rb") as handle:
        return crypto.decrypt_bytes(handle.read())


def submit(client, tip_page, *files):
    """Send the form with ``files``; the worker then makes the clean copies."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            tip_page.url, {**tip_form_data(client, tip_page), "evidence": list(files)}
        )


def test_the_clean_copy_of_a_photo_has_no_gps_or_camera(client, tip_page):
    assert submit(client, tip_page, upload("p.jpg", jpeg_with_gps())).status_code == 200
    attachment = TipAttachment.objects.get()
    original = Image.open(io.BytesIO(stored(attachment.original)))
    assert original.getexif().get_ifd(GPS_IFD)  # the original keeps it…
    clean = Image.open(io.BytesIO(stored(attachment.sanitized)))
    assert not clean.getexif().get_ifd(GPS_IFD)  # …the copy does not
    assert not clean.getexif()
    assert b"MarkerCam" not in stored(attachment.sanitized)
    assert clean.size == (32, 24)
    assert attachment.content_type == "image/jpeg"


def test_the_clean_copy_of_a_pdf_is_rebuilt_from_pictures_of_its_pages(
    client, tip_page
):
    """The "clean" copy once kept the photo's GPS, page XMP, annotation authors and
    the original /ID: only the document info and catalog XMP were removed."""
    original = pdf_with_metadata()
    assert submit(client, tip_page, upload("m.pdf", original)).status_code == 200
    attachment = TipAttachment.objects.get()
    assert b"Marker Author" in stored(attachment.original)
    clean = stored(attachment.sanitized)
    for marker in (b"Marker Author", b"MarkerCam", b"Secret memo"):
        assert marker not in clean
    with pikepdf.open(io.BytesIO(original)) as before:
        original_id = bytes(before.trailer.ID[0])
    with pikepdf.open(io.BytesIO(clean)) as pdf:
        assert "/Metadata" not in pdf.Root and len(pdf.pages) == 1
        page = pdf.pages[0]
        assert "/Annots" not in page and "/Metadata" not in page
        images = list(page.Resources.XObject.values())
        assert len(images) == 1 and images[0].Width > 200  # the page as a picture
        assert "/ID" not in pdf.trailer or bytes(pdf.trailer.ID[0]) != original_id


def blank_pdf(pages: int) -> bytes:
    pdf = pikepdf.new()
    for _page in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_pdf_with_too_many_pages_is_refused(client, tip_page, settings):
    settings.KCS_TIPS_MAX_PDF_PAGES = 1
    response = submit(client, tip_page, upload("long.pdf", blank_pdf(2)))
    assert response.status_code == 400
    assert not Tip.objects.exists()


def test_a_pdf_of_as_many_pages_as_allowed_is_accepted(client, tip_page, settings):
    settings.KCS_TIPS_MAX_PDF_PAGES = 2
    response = submit(client, tip_page, upload("two-pages.pdf", blank_pdf(2)))
    assert response.status_code == 200
    assert TipAttachment.objects.get().content_type == "application/pdf"


def test_files_are_encrypted_in_private_media_not_public_media(
    client, tip_page, settings
):
    submit(client, tip_page, upload("p.jpg", jpeg_with_gps()))
    attachment = TipAttachment.objects.get()
    path = Path(attachment.original.path)
    assert path.is_relative_to(Path(settings.KCS_PRIVATE_MEDIA_ROOT))
    assert not Path(settings.MEDIA_ROOT).exists() or not any(
        Path(settings.MEDIA_ROOT).rglob("*.*")
    )
    raw = path.read_bytes()
    assert not raw.startswith(b"\xff\xd8") and b"MarkerCam" not in raw
    assert "p.jpg" not in path.name
    with pytest.raises(ValueError):
        attachment.original.url  # noqa: B018 - no public URL


def test_the_type_comes_from_the_content_not_the_name(client, tip_page):
    fake = upload("photo.jpg", b"MZ\x90\x00 an executive in disguise", "image/jpeg")
    response = submit(client, tip_page, fake)
    assert response.status_code == 400
    assert "ไม่ใช่ภาพถ่าย JPEG หรือ PNG หรือเอกสาร PDF" in response.content.decode()
    assert Tip.objects.count() == 0


def test_a_pdf_named_as_a_photo_is_accepted_as_a_pdf(client, tip_page):
    submit(client, tip_page, upload("scan.jpg", pdf_with_metadata(), "image/jpeg"))
    assert TipAttachment.objects.get().content_type == "application/pdf"


def test_damaged_files_are_refused(client, tip_page):
    response = submit(client, tip_page, upload("broken.png", b"\x89PNG\r\n\x1a\nxx"))
    assert response.status_code == 400
    assert "เสียหาย" in response.content.decode()


def test_files_over_the_size_limit_are_refused(client, tip_page, settings):
    settings.KCS_TIPS_MAX_FILE_SIZE = 1000
    big = upload("big.jpg", jpeg_with_gps() + b"\0" * 2000)
    response = submit(client, tip_page, big)
    assert response.status_code == 400
    assert "ขนาดใหญ่เกินกำหนด" in response.content.decode()
    assert Tip.objects.count() == 0


def test_too_many_files_are_refused(client, tip_page, settings):
    settings.KCS_TIPS_MAX_FILES = 1
    response = submit(
        client,
        tip_page,
        upload("a.jpg", jpeg_with_gps()),
        upload("b.jpg", jpeg_with_gps()),
    )
    assert response.status_code == 400
    assert Tip.objects.count() == 0


def test_uploads_never_touch_a_temporary_file(client, tip_page, settings, tmp_path):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # Django would spill to disk
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "spill")
    Path(settings.FILE_UPLOAD_TEMP_DIR).mkdir()
    assert submit(client, tip_page, upload("p.jpg", jpeg_with_gps())).status_code == 200
    assert list(Path(settings.FILE_UPLOAD_TEMP_DIR).iterdir()) == []


def test_the_tipster_is_told_before_submitting(client, tip_page):
    html = client.get(tip_page.url).content.decode()
    assert "ลบข้อมูลแฝงออกแล้ว" in html
    assert "ไฟล์ต้นฉบับจะเปิดเฉพาะเมื่อจำเป็น" in html


def test_an_image_with_too_many_pixels_is_refused_before_decoding(
    client, tip_page, settings
):
    """A small PNG of 13000 x 13000 pixels once took 41 s and 2.5 GB to strip."""
    settings.KCS_MAX_IMAGE_PIXELS = 10_000
    out = io.BytesIO()
    Image.new("1", (200, 200)).save(out, "PNG")
    response = client.post(
        tip_page.url,
        tip_form_data(
            client, tip_page, evidence=upload("plan.png", out.getvalue(), "image/png")
        ),
    )
    assert "too many pixels" in response.content.decode() or "พิกเซล" in (
        response.content.decode()
    )
    assert not Tip.objects.exists()


def test_decoding_waits_for_the_worker_and_its_memory_is_bounded(
    client, tip_page, handler_client, settings
):
    """A 492 KB PNG once took 41 s and 2.5 GB inside the request. Now the request
    only reads the header; the worker decodes in a child process that may use no
    more than ``KCS_DECODE_MEMORY_BYTES``, and a file that needs more is marked."""
    picture = io.BytesIO()
    Image.new("RGB", (6000, 6000), "white").save(picture, "PNG")  # 108 MB of pixels
    with TestCase.captureOnCommitCallbacks() as worker_jobs:
        response = client.post(
            tip_page.url,
            {
                **tip_form_data(client, tip_page),
                "evidence": [upload("big.png", picture.getvalue())],
            },
        )
    assert response.status_code == 200
    attachment = TipAttachment.objects.get()
    assert not attachment.sanitized  # nothing decoded in the request
    detail = f"/admin/tips/{attachment.tip_id}/"
    assert "กำลังจัดทำสำเนา" in handler_client.get(detail).content.decode()
    assert handler_client.get(f"{detail}files/{attachment.pk}/").status_code == 404

    settings.KCS_DECODE_MEMORY_BYTES = 64 * 1024**2
    for job in worker_jobs:
        job()
    attachment.refresh_from_db()
    assert attachment.cleaning_failed and not attachment.sanitized
    assert "ทำสำเนาที่ไม่มีข้อมูลแฝงไม่ได้" in handler_client.get(detail).content.decode()

    settings.KCS_DECODE_MEMORY_BYTES = 1024**3
    attachment.cleaning_failed = False
    attachment.save()
    clean_evidence.call(attachment.pk)
    attachment.refresh_from_db()
    assert Image.open(io.BytesIO(stored(attachment.sanitized))).size == (6000, 6000)
