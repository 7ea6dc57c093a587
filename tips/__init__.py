"""Anonymous, captcha-protected corruption tip-offs with follow-up by receipt code."""
