"""Drafts of process files from other tools' formats (BPMN 2.0 XML), for `handbook import`."""
