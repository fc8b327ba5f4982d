"""QR codes for tickets, rendered server-side as SVG (no JavaScript, no
third party). The code itself is random (see models.new_ticket_code)."""

import qrcode
import qrcode.image.svg


def ticket_qr_svg(code: str) -> str:
    image = qrcode.make(code, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    return image.to_string(encoding="unicode")
