"""Running ssa-tui for a team on one server: SSH keys with forced commands, audit views."""
