#include "add_staff.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "audit.hpp"
#include "database.hpp"
#include "migrations.hpp"
#include "passwords.hpp"
#include "staff.hpp"

namespace elder::server {
namespace {

// One line of standard input; at a terminal, asked with `prompt` and not echoed.
bool read_secret(const char* prompt, std::string& out) {
    const bool tty = isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        std::fprintf(stderr, "%s", prompt);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    const bool ok = static_cast<bool>(std::getline(std::cin, out));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    if (!out.empty() && out.back() == '\r') out.pop_back();
    return ok;
}

int fail(const std::string& why) {
    std::fprintf(stderr, "elder-server --add-staff: %s\n", why.c_str());
    return 1;
}

}  // namespace

int add_staff_command(const Config& config) {
    StaffMember m;
    m.name = config.add_staff;
    m.display_name = config.add_staff_display.empty() ? config.add_staff : config.add_staff_display;
    if (!valid_staff_name(m.name)) return fail("NAME needs 2-32 of a-z, 0-9, '.', '_', '-'");
    const auto roles = parse_roles(config.add_staff_roles);
    if (!roles) return fail("--role takes dispatcher, caseworker, editor, approver, admin (several with commas)");
    m.roles = *roles;
    std::string password, again;
    if (!read_secret("Password: ", password)) return fail("no password on standard input");
    if (isatty(STDIN_FILENO) && (!read_secret("Again: ", again) || again != password)) return fail("the passwords differ");
    if (const auto weak = password_problem(m.name, password)) return fail(*weak);
    try {
        const auto store = open_database(config.db_path);
        Database& db = *store;
        migrate(db);
        std::int64_t id = 0;
        Transaction tx(db);
        if (!insert_staff(db, m, hash_password(password), id)) return fail("an account named " + m.name + " exists already");
        StaffCaller console;
        console.member.display_name = "command line";
        console.member.name = "command line";
        audit(db, console, "local", "staff.create", "staff:" + m.name, nullptr, staff_json(*find_staff(db, id)));
        tx.commit();
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    std::printf("Staff account %s created (roles: %s) in %s.\n", m.name.c_str(), roles_text(m.roles).c_str(), config.db_path.c_str());
    return 0;
}

}  // namespace elder::server
