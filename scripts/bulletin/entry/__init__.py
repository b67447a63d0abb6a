"""Editors' data-entry commands: the monthly spreadsheet template and its import, new meetings, new issues.
May import the adapter (to read the project) and the core."""
