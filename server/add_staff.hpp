#pragma once
// `elder-server --add-staff NAME --role R[,R] [--display-name TEXT]`: creates a staff account in the
// configured database and exits; how the first admin comes to be. The password is read from standard
// input (asked twice, without echo, at a terminal), never from the command line, where any user of
// the machine could read it in the process list.
#include "config.hpp"

namespace elder::server {

int add_staff_command(const Config& config);  // the process's exit status

}  // namespace elder::server
