"""The hipfirst web application: Django project, one app per domain."""
