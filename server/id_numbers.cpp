#include "id_numbers.hpp"

#include <stdexcept>
#include <vector>

#include "crypto.hpp"

namespace elder::server {
namespace {

// The check character is written x or X: one spelling, so that one card has one hash.
std::string normalised(std::string id_number) {
    for (char& c : id_number)
        if (c == 'x') c = 'X';
    return id_number;
}

std::string stored_key(Database& db) {
    // Replicas started together on a new database: the first one's key is everyone's.
    Transaction tx(db);
    db.prepare("INSERT INTO settings (key, value) VALUES ('id_number_key', ?) ON CONFLICT (key) DO NOTHING")
        .bind(1, random_hex(32)).run();
    Statement get = db.prepare("SELECT value FROM settings WHERE key = 'id_number_key'");
    get.step();
    std::string key = get.text(0);
    tx.commit();
    return key;
}

}  // namespace

IdNumbers::IdNumbers(Database& db, const std::string& configured_key)
    : key_(configured_key.empty() ? stored_key(db) : configured_key) {}

std::string IdNumbers::hmac(const std::string& id_number) const { return hmac_sha256_hex(key_, normalised(id_number)); }

std::string IdNumbers::last4(const std::string& id_number) {
    return normalised(id_number.size() <= 4 ? id_number : id_number.substr(id_number.size() - 4));
}

std::string IdNumbers::masked(const std::string& last4) { return std::string(14, '*') + last4; }

int IdNumbers::protect_plain_rows(Database& db) const {
    std::vector<std::pair<std::int64_t, std::string>> plain;
    Statement s = db.prepare("SELECT id, id_number FROM appointments WHERE id_number IS NOT NULL");
    while (s.step()) plain.emplace_back(s.integer(0), s.text(1));
    if (plain.empty()) return 0;
    // The old text is overwritten with zeros, not just left in free space of the page. (Only an
    // SQLite file can hold such rows: PostgreSQL databases start at this schema.)
    const bool sqlite = db.dialect() == Dialect::SQLite;
    if (sqlite) db.exec("PRAGMA secure_delete = ON");
    Transaction tx(db);
    for (const auto& [id, number] : plain)
        db.prepare("UPDATE appointments SET id_number = NULL, id_number_hmac = ?, id_number_last4 = ? WHERE id = ?")
            .bind(1, hmac(number)).bind(2, last4(number)).bind(3, id).run();
    tx.commit();
    if (!sqlite) return static_cast<int>(plain.size());
    db.exec("PRAGMA secure_delete = OFF");
    // Old copies of the pages also sit in the write-ahead log until it is written back and emptied.
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return static_cast<int>(plain.size());
}

}  // namespace elder::server
