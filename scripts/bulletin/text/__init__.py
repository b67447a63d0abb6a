"""Text helpers every layer may use: Vietnamese folding, collation and dates, editor Markdown made safe,
argparse in Vietnamese, and text bound for a spreadsheet cell made inert (never a formula).
Imports nothing from bulletin."""
