// EIDTestSupport module.
