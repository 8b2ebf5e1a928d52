"""Kata catalog, runner (parent side), worker (child side) and devices. No Qt here."""
