"""The console's views, one module per domain whose pages and actions the console shows; each
module keeps the names its domain uses (`selectors`, `services`, `forms`)."""
