"""Newsletter screens: preview, test send, send with progress (keys v, t, s on the Newsletter tab)."""
