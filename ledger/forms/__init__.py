"""Forms, one module per area: `budget` (categories, expenses, income), `accounts`
(sign-in), `backup` and `tokens`."""
