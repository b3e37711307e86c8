"""Write a mail carrying one report as an attachment, ready for `curl smtp://... -T report.eml`.

    python3 examples/mail/make_eml.py mz@agency.hub.local "<my-id@agency.hub.local>" report.xml > report.eml

The sender must be an address listed for the agency in config/agencies.yaml; the Message-ID is optional.
"""
import email.utils
import mimetypes
import pathlib
import sys
from email.message import EmailMessage

sender = sys.argv[1]
message_id = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else email.utils.make_msgid(domain="agency.hub.local")
document = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else sys.argv[2])

mail = EmailMessage()
mail["From"] = sender
mail["To"] = "reports@hub.local"
mail["Subject"] = f"Progress report {document.name}"
mail["Message-ID"] = message_id
mail["Date"] = email.utils.formatdate(localtime=True)
mail.set_content("Progress report attached.\n")
kind = mimetypes.guess_type(document.name)[0] or "application/octet-stream"
maintype, subtype = kind.split("/", 1)
mail.add_attachment(document.read_bytes(), maintype=maintype, subtype=subtype, filename=document.name)
sys.stdout.write(mail.as_string(policy=mail.policy.clone(linesep="\r\n")))
