"""The backup restore form: a JSON file of at most 50 MB."""

from django import forms

from ledger.transfer.backup import load_backup

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
            self.backup = load_backup(upload)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return upload
