// EIDCentral module.
