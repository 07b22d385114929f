"""Movement check: upload a phone video; a background task measures knee and hip angles."""
