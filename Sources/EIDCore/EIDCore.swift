// EIDCore module.
