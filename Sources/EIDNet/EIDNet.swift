// EIDNet module.
