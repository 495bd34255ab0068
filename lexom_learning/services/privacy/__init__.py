"""The life of personal data: what is held where (registry), for how long (retention), the
person's export, the erasure and the daily purge."""
