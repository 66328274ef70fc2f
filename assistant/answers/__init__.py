"""Answers, one module per family of intents; `registry.ANSWERERS` maps each intent to its answerer."""
