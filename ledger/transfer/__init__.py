"""Data in and out of a budget: CSV import (reading and preview), uploads waiting
between the import steps, the streamed CSV export and the JSON backup."""
