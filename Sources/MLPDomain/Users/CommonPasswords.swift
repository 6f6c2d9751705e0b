/// About two hundred of the most common passwords of at least eight characters, from public breach
/// statistics; matched case-insensitively. Shorter ones are already refused by the length rule.
enum CommonPasswords {
    static func contains(_ password: String) -> Bool {
        list.contains(password.lowercased())
    }

    private static let list: Set<String> = [
        "password", "password1", "password12", "password123", "password1234", "password!", "password1!",
        "passw0rd", "p@ssw0rd", "p@ssword", "pa$$word", "12345678", "123456789", "1234567890", "12345678910",
        "123123123", "987654321", "0987654321", "11111111", "111111111", "1111111111", "00000000", "000000000",
        "0000000000", "22222222", "55555555", "66666666", "77777777", "88888888", "99999999", "12341234",
        "12121212", "11223344", "112233445566", "123456123456", "123654789", "147258369", "159753456",
        "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4", "q1w2e3r4t5", "1qaz2wsx", "1qaz2wsx3edc",
        "zaq12wsx", "zaq1zaq1", "qwertyui", "qwertyuiop", "qwerty123", "qwerty1234", "qwerty12345",
        "qwertyu1", "qwer1234", "asdfghjk", "asdfghjkl", "asdf1234", "asdfasdf", "zxcvbnm1", "zxcvbnmm",
        "1234qwer", "12345qwert", "123qweasd", "qweasdzxc", "qazwsxedc", "abcd1234", "abc12345",
        "abcdefgh", "abcdefg1", "a1234567", "a12345678", "aa123456", "aa12345678", "iloveyou", "iloveyou1",
        "iloveyou2", "ilovegod", "loveyou1", "sunshine", "sunshine1", "princess", "princess1", "football",
        "football1", "baseball", "basketball", "superman", "batman123", "starwars", "whatever", "trustno1",
        "welcome1", "welcome123", "letmein1", "letmein123", "computer", "internet", "michelle", "jennifer",
        "jessica1", "jordan23", "michael1", "charlie1", "12345abc", "babygirl", "babygirl1", "lovely123",
        "chocolate", "butterfly", "elephant", "midnight", "mercedes", "corvette", "liverpool", "chelsea1",
        "arsenal1", "manchester", "blink182", "pokemon1", "dragon123", "monkey123", "master123", "shadow123",
        "freedom1", "fuckyou1", "asshole1", "cheese123", "cookie123", "flower123", "hello123", "hello1234",
        "helloworld", "changeme", "changeme1", "default1", "administrator", "admin123", "admin1234",
        "adminadmin", "rootroot", "root1234", "test1234", "test12345", "testtest", "guest123", "user1234",
        "qwerty123456", "1234567a", "12345678a", "123456789a", "123456789q", "a123456789", "aaaaaaaa",
        "aaaaaaaaaa", "abcabcabc", "samsung1", "samsung123", "google123", "facebook", "facebook1",
        "linkedin", "microsoft", "minecraft", "playstation", "starcraft", "warcraft", "nintendo",
        "pussycat", "bigdaddy", "mustang1", "ferrari1", "scorpion", "thunder1", "thomas123", "robert123",
        "matthew1", "nicole123", "anthony1", "benjamin", "victoria", "samantha", "alexander", "christian",
        "passport", "password01", "spiderman", "snowball", "sunflower", "rainbow1", "summer2024", "winter2024",
        "spring2024", "autumn2024", "summer123", "qwerty1!", "abc123456", "iloveu123", "lovelove",
        "fuckyou123", "secret123", "letmeinnow", "access14", "zxcvbnm123", "qazxswedc", "1234abcd",
    ]
}
