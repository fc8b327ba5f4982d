"""Aufbruch: a participation platform for a city's digital-transformation programme."""
