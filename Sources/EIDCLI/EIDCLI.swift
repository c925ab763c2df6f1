public enum EIDCommandLine {
    public static func main() { print("eid") }
}
