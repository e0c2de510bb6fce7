"""Checks of what pages say: serious wording errors, prohibited content, hidden links."""
