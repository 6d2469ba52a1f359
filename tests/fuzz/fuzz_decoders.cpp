// libFuzzer target: the JSON decoders (and the font index reader) must turn any input into a value or an error, never a
// crash, an exception, a leak or undefined behaviour (built with ASan and UBSan).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/codecs.hpp"
#include "core/font_index.hpp"

namespace {

template <class T> void decode_as(std::string_view text) {
    T out{};
    std::string error;
    const bool ok = elder::decode_text(text, out, error);
    if (ok == !error.empty()) __builtin_trap();  // exactly one of value and error
}

// fonts/index.json: read whole within its limits, or refused whole.
void read_font_index(std::string_view text) {
    const auto tiers = elder::parse_font_index(text);
    if (!tiers) return;
    if (tiers->size() > elder::kMaxFontTiers) __builtin_trap();
    for (const auto& t : *tiers) {
        if (t.bytes == 0 || t.bytes > elder::kMaxFontFileBytes || t.file.find('/') != std::string::npos) __builtin_trap();
        for (const auto& [lo, hi] : t.ranges)
            if (lo > hi || hi > 0x10FFFF) __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte picks the decoder, so one target covers them all.
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 23) {
        case 0: decode_as<elder::Site>(text); break;
        case 1: decode_as<elder::PolicyPage>(text); break;
        case 2: decode_as<elder::Policy>(text); break;
        case 3: decode_as<elder::Alert>(text); break;
        case 4: decode_as<elder::Appointment>(text); break;
        case 5: decode_as<elder::HelpRequest>(text); break;
        case 6: decode_as<elder::Problem>(text); break;
        case 7: decode_as<std::vector<elder::PolicyCategory>>(text); break;
        case 8: decode_as<std::vector<elder::Guide>>(text); break;
        case 9: decode_as<std::vector<elder::Contact>>(text); break;
        case 10: decode_as<std::vector<elder::Activity>>(text); break;
        case 11: decode_as<std::vector<elder::Slot>>(text); break;
        case 12: decode_as<std::vector<elder::Alert>>(text); break;
        case 13: decode_as<std::vector<elder::Appointment>>(text); break;
        case 14: decode_as<std::vector<elder::Notice>>(text); break;
        case 15: decode_as<std::vector<elder::Schedule>>(text); break;
        case 16: decode_as<elder::Token>(text); break;
        case 17: decode_as<elder::DeviceStatus>(text); break;
        case 18: decode_as<std::vector<elder::HelpRequest>>(text); break;
        case 19: read_font_index(text); break;
        case 20: decode_as<elder::ReceiptAnswer>(text); break;
        case 21: decode_as<elder::AlertConfirmed>(text); break;
        default: decode_as<elder::CheckInState>(text); break;
    }
    return 0;
}
