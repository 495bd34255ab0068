"""Documents: attestation and certificate PDFs (reportlab), ZIP, CSV/XLSX and evidence exports.

Pure: no Flask and no database; every function works from snapshots and plain rows.
"""
