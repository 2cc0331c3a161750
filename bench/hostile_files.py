"""Seconds of CPU each reader of an uploaded file takes on 10 MB hostile files (issue 22).

    python bench/hostile_files.py [--size BYTES] [--limit SECONDS]

Every shape of `ledger/tests/hostile_files.py` (OFX/QFX, QIF, CSV and backup JSON) is built
at `--size` bytes (10 MB) and read the way an upload is (`read_file`, or `load_backup` and the
restore's checks); the table says how long it took and what the reader said. For scale, it
also reads a normal 1 MB file of each format and reports seconds per megabyte. Exits 1 when
a hostile file takes more than `--limit` seconds (2). No database is needed.
"""

import argparse
import io
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _normal_files(rows):
    from ledger.tests.hostile_files import OFX_HEADER

    transactions = b"".join(
        b"<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240115<TRNAMT>-12.50<FITID>%d<NAME>Shop %d"
        b"<MEMO>memo text</STMTTRN>\n" % (n, n)
        for n in range(rows)
    )
    ofx = (
        OFX_HEADER + b"<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>"
        b"<DTSERVER>20240101<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1><BANKMSGSRSV1><STMTTRNRS>"
        b"<TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>USD<BANKACCTFROM>"
        b"<BANKID>1<ACCTID>2<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST><DTSTART>20240101"
        b"<DTEND>20240201\n" + transactions + b"</BANKTRANLIST><LEDGERBAL><BALAMT>1"
        b"<DTASOF>20240201</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n"
    )
    qif = b"!Type:Bank\n" + b"".join(
        b"D01/15/2024\nT-12.50\nPShop %d\nMmemo text\nLFood\n^\n" % n for n in range(rows)
    )
    csv = b"Date,Amount,Description\n" + b"".join(
        b"2024-01-15,-12.50,Shop %d\n" % n for n in range(rows)
    )
    return {"normal.ofx": ofx, "normal.qif": qif, "normal.csv": csv}


def _read(data, filename):
    from ledger.transfer.backup import BackupError, _validate, load_backup
    from ledger.transfer.encoding import ImportFileError
    from ledger.transfer.reading import read_file

    try:
        if filename.endswith(".json"):
            _validate(load_backup(io.BytesIO(data)))
            return "read"
        table = read_file(data, filename)
        return f"read: {len(table.records):,} records"
    except (ImportFileError, BackupError, ValueError) as error:
        return f"refused: {error}"


def _time(data, filename):
    started = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        outcome = _read(data, filename)
    return time.process_time() - started, outcome


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10 * 1024 * 1024)
    parser.add_argument("--limit", type=float, default=2.0)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budget.settings")
    os.environ.setdefault("DJANGO_DEBUG", "True")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from ledger.tests.hostile_files import BACKUP_SHAPES, SHAPES

    shapes = {name: (filename, make) for name, (filename, make) in SHAPES.items()}
    shapes |= {name: ("backup.json", make) for name, make in BACKUP_SHAPES.items()}
    print(f"{'shape':24} {'MB':>6} {'CPU s':>7}  outcome")
    slow = []
    for name, (filename, make) in shapes.items():
        data = make(args.size)
        seconds, outcome = _time(data, filename)
        print(f"{name:24} {len(data) / 2**20:6.1f} {seconds:7.2f}  {outcome[:70]}", flush=True)
        if seconds > args.limit:
            slow.append(name)
    print("\nNormal files, for scale (seconds per MB):")
    for filename, data in _normal_files(20_000).items():
        seconds, outcome = _time(data, filename)
        megabytes = len(data) / 2**20
        print(f"{filename:24} {megabytes:6.1f} {seconds:7.2f}  {seconds / megabytes:.2f} s/MB")
    if slow:
        print(f"\nSlower than {args.limit} s: {', '.join(slow)}")
        sys.exit(1)
    print(f"\nEvery hostile file was read or refused within {args.limit} s.")


if __name__ == "__main__":
    main()
