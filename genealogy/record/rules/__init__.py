"""Validation rules over a whole record: each module one rule, with a passing and a failing example.

A rule is a function from the record to the problems it finds, each located at file:line:col.
"""
