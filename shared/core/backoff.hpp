#pragma once
// Retry delays for talking to the server: exponential, capped, with jitter so that a hundred boxes
// that lost the server at once do not all come back in the same millisecond. The cap keeps
// recovery within 5 s of the server returning.
#include <cstdint>

namespace elder {

struct Backoff {
    std::int64_t base_ms = 250;
    std::int64_t cap_ms = 4000;

    // Delay before retry number `attempt` (0 = first retry). `random01` in [0, 1) picks the jitter:
    // the delay lies in [half, whole] of the exponential step.
    std::int64_t delay_ms(int attempt, double random01) const;
};

}  // namespace elder
