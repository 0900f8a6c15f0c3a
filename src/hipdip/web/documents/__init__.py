"""Documents made from a consultation: the summary PDF (WeasyPrint) and the FHIR R4 export."""
