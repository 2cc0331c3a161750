"""Forms, one module per area: `categories`, `expenses`, `income` (with the shared `fields`),
`budgets`, `allotments`, `recurring`, `imports`, `signin`
(sign-in), `backup` and `tokens`."""
