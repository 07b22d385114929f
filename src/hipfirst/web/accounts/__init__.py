"""Accounts: sign up with email and password, log in and out, reset a password."""
