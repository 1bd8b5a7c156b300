"""Writes of the villages app (HackSoftware style: ``<entity>_<action>``, keyword-only arguments)."""
