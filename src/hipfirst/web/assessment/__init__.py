"""Assessment: profile, red flags, symptoms and the Kujala score, saved step by step."""
