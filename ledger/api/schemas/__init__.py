"""Request and response shapes of the JSON API: one module per resource, named like its router
in `ledger/api/`; the field types they share are in `ledger.api.fields`, the error answers in
`errors`."""
