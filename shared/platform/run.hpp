#pragma once
// Runs the app until it is closed. One implementation per platform: run_native.cpp, run_web.cpp.
#include "host.hpp"

namespace elder {

int run_app(const HostOptions& options, const AppParams& params);

}  // namespace elder
