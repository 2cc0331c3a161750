"""Which column holds what: header names in many languages, and type columns found by value.

Pure: no database. Names are compared folded (case, accents and punctuation
ignored), so "Débit", "DEBIT" and "Betrag (€)" are recognised.
"""

import re
from dataclasses import asdict, dataclass, fields

from ledger.transfer.values import fold

# For each field, header names from best to worst (folded, only letters and digits).
HEADER_NAMES = {
    "date": [
        "transactiondate",
        "bookingdate",
        "postingdate",
        "date",
        "datum",
        "buchungstag",
        "buchungsdatum",
        "buchung",
        "fecha",
        "fechaoperacion",
        "fechacontable",
        "data",
        "dataoperazione",
        "datacontabile",
        "dataoperacao",
        "datadomovimento",
        "boekdatum",
        "boekingsdatum",
        "transactiedatum",
        "transaktionsdatum",
        "bokforingsdag",
        "bokforingsdatum",
        "bogforingsdato",
        "bokforingsdato",
        "dato",
        "paivamaara",
        "kirjauspaiva",
        "journaldate",
        "posteddate",
        "dateoperation",
        "dateopration",
        "datedoperation",
        "datecomptable",
        "valuedate",
        "wertstellung",
        "valuta",
        "wertstellungsdatum",
        "fechavalor",
        "datedevaleur",
        "datavaluta",
    ],
    "amount": [
        "amount",
        "transactionamount",
        "betrag",
        "umsatz",
        "montant",
        "importe",
        "importo",
        "bedrag",
        "belopp",
        "belob",
        "belop",
        "valor",
        "quantia",
        "montante",
        "summa",
        "maara",
        "netamount",
        "value",
        "amountincurrency",
    ],
    "debit": [
        "debit",
        "debitamount",
        "debits",
        "withdrawal",
        "withdrawals",
        "withdrawalamount",
        "moneyout",
        "paidout",
        "spent",
        "outflow",
        "belastung",
        "soll",
        "ausgang",
        "ausgabe",
        "debet",
        "debito",
        "cargo",
        "cargos",
        "addebiti",
        "addebito",
        "uitgaven",
        "af",
        "uttag",
        "utbetalning",
        "udbetaling",
        "ut",
        "nosto",
        "saida",
        "saidas",
    ],
    "credit": [
        "credit",
        "creditamount",
        "credits",
        "deposit",
        "deposits",
        "depositamount",
        "moneyin",
        "paidin",
        "received",
        "inflow",
        "gutschrift",
        "haben",
        "eingang",
        "einnahme",
        "credito",
        "abono",
        "abonos",
        "accrediti",
        "accredito",
        "ontvangsten",
        "bij",
        "insattning",
        "inbetalning",
        "indbetaling",
        "inn",
        "pano",
        "entrada",
        "entradas",
    ],
    "description": [
        "description",
        "verwendungszweck",
        "memo",
        "beschreibung",
        "purpose",
        "libelle",
        "libelleoperation",
        "concepto",
        "descripcion",
        "desc",
        "descrizione",
        "causale",
        "omschrijving",
        "mededelingen",
        "descricao",
        "historico",
        "beskrivning",
        "beskrivelse",
        "tekst",
        "text",
        "viesti",
        "selite",
        "narrative",
        "particulars",
        "transactiondetails",
        "details",
        "reason",
        "vwz1",
        "buchungstext",
        "bezeichnung",
        "notes",
        "reference",
    ],
    "payee": [
        "payee",
        "payeename",
        "merchant",
        "name",
        "zahlungsempfanger",
        "zahlungsempfangerin",
        "empfanger",
        "auftraggeberempfanger",
        "begunstigterzahlungspflichtiger",
        "beguenstigterzahlungspflichtiger",
        "beneficiaire",
        "beneficiario",
        "beneficiary",
        "counterparty",
        "naamtegenpartij",
        "tegenpartij",
        "naam",
        "mottagare",
        "modtager",
        "saaja",
        "destinatario",
        "favorecido",
        "recipient",
    ],
    "category": [
        "category",
        "kategorie",
        "categorie",
        "categoria",
        "kategori",
        "kategoria",
        "rubrique",
        "budgetcategory",
    ],
}
# Never a money column, even when the name contains "amount" ("Balance", "Kontostand").
NOT_MONEY = ("balance", "saldo", "kontostand", "solde", "original", "compensation", "fee")
# Word stems that make a name a date or an amount when no exact name matches.
STEMS = {
    "date": ("date", "datum", "fecha", "data"),
    "amount": ("amount", "betrag", "montant", "importe", "bedrag", "belopp"),
    "debit": ("debit", "withdrawal"),
    "credit": ("credit", "deposit"),
    "description": ("description", "memo", "verwendungszweck"),
}
FIELDS = ("date", "amount", "debit", "credit", "description", "payee", "category", "direction")

# Values of a type column ("DEBIT"/"CREDIT", "D"/"C", "Soll"/"Haben", "Ausgang"/"Eingang").
MONEY_OUT_WORDS = {
    "debit",
    "d",
    "dr",
    "db",
    "deb",
    "soll",
    "s",
    "ausgang",
    "belastung",
    "out",
    "withdrawal",
    "debito",
    "debet",
    "cargo",
    "addebito",
    "af",
    "uit",
    "uttag",
    "saida",
}
MONEY_IN_WORDS = {
    "credit",
    "c",
    "cr",
    "cred",
    "haben",
    "h",
    "eingang",
    "gutschrift",
    "in",
    "deposit",
    "credito",
    "abono",
    "accredito",
    "bij",
    "insattning",
    "entrada",
}


@dataclass(frozen=True)
class ColumnMap:
    """Which column (0-based) holds each field; None when the file has no such column."""

    date: int | None = None
    amount: int | None = None
    debit: int | None = None  # money out
    credit: int | None = None  # money in
    description: int | None = None
    payee: int | None = None
    category: int | None = None
    direction: int | None = None  # a type column: DEBIT/CREDIT, D/C...

    @property
    def complete(self) -> bool:
        """A date, and an amount or a debit/credit pair of columns."""
        return self.date is not None and (
            self.amount is not None or self.debit is not None or self.credit is not None
        )

    def chosen(self) -> list[int]:
        return [index for index in asdict(self).values() if index is not None]

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ColumnMap":
        names = {field.name for field in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


def folded_name(cell: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(cell))


def _rank(name: str, field: str) -> int | None:
    """How well a folded header name fits a field: 0 is best, None is not at all."""
    if field in ("amount", "debit", "credit") and any(word in name for word in NOT_MONEY):
        return None
    names = HEADER_NAMES[field]
    if name in names:
        return names.index(name)
    for stem in STEMS.get(field, ()):
        if name.startswith(stem) or name.endswith(stem):
            return len(names) + len(name)
    return None


def guess_columns(header: list[str]) -> ColumnMap:
    """The columns whose header names a field; each column serves one field at most."""
    names = [folded_name(cell) for cell in header]
    offers = []
    for field in HEADER_NAMES:
        for index, name in enumerate(names):
            rank = _rank(name, field) if name else None
            if rank is not None:
                offers.append((rank, FIELDS.index(field), index, field))
    found, taken = {}, set()
    for _rank_value, _order, index, field in sorted(offers):
        if field not in found and index not in taken:
            found[field] = index
            taken.add(index)
    if "amount" in found and ("debit" in found) != ("credit" in found):
        found.pop("debit", None)  # "Amount" beside a lone "Credit" column: the amount decides
        found.pop("credit", None)
    return ColumnMap(**found)


def header_score(cells: list[str]) -> int:
    """How many fields a row names: a header row names a date and some money."""
    found = guess_columns(cells)
    return (2 if found.complete else 0) + len(found.chosen())


def direction_of(value: str) -> str | None:
    """ "out", "in" or None for a cell of a type column."""
    word = folded_name(value)
    if word in MONEY_OUT_WORDS:
        return "out"
    if word in MONEY_IN_WORDS:
        return "in"
    return None


def find_direction_column(rows: list[list[str]], columns: ColumnMap) -> int | None:
    """A column not yet chosen whose every value says money out or in (both seen)."""
    width = max((len(cells) for cells in rows), default=0)
    taken = set(columns.chosen())
    for index in range(width):
        if index in taken:
            continue
        seen = set()
        for cells in rows:
            value = cells[index].strip() if index < len(cells) else ""
            if not value:
                continue
            direction = direction_of(value)
            if direction is None:
                break
            seen.add(direction)
        else:
            if len(seen) == 2:
                return index
    return None
