"""The backup restore form: a JSON file of at most 50 MB."""

import json

from django import forms

MAX_BACKUP_BYTES = 50 * 1024 * 1024


class RestoreForm(forms.Form):
    file = forms.FileField(label="Backup file (.json)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BACKUP_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_BACKUP_BYTES // (1024 * 1024)} MB."
            )
        try:
            self.backup = json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError("This is not a Budget backup file (not JSON).") from None
        return upload
