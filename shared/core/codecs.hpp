#pragma once
// Decoding the server's JSON answers into models. Every decoder validates types, required fields
// and ranges, ignores unknown fields (newer servers may add some), and reports the first problem as
// a sentence in `error` instead of throwing.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "models.hpp"

namespace elder {

bool decode(const nlohmann::json& j, Site& out, std::string& error);
bool decode(const nlohmann::json& j, PolicyPage& out, std::string& error);
bool decode(const nlohmann::json& j, Policy& out, std::string& error);  // a detail, with body
bool decode(const nlohmann::json& j, Alert& out, std::string& error);
bool decode(const nlohmann::json& j, Appointment& out, std::string& error);
bool decode(const nlohmann::json& j, HelpRequest& out, std::string& error);
bool decode(const nlohmann::json& j, Problem& out, std::string& error);
bool decode(const nlohmann::json& j, Token& out, std::string& error);
bool decode(const nlohmann::json& j, DeviceStatus& out, std::string& error);
bool decode(const nlohmann::json& j, ReceiptAnswer& out, std::string& error);
bool decode(const nlohmann::json& j, AlertConfirmed& out, std::string& error);
bool decode(const nlohmann::json& j, CheckInState& out, std::string& error);
// {"items": [...]} lists
bool decode(const nlohmann::json& j, std::vector<PolicyCategory>& out, std::string& error);
bool decode(const nlohmann::json& j, std::vector<Guide>& out, std::string& error);
bool decode(const nlohmann::json& j, std::vector<Contact>& out, std::string& error);
bool decode(const nlohmann::json& j, std::vector<Activity>& out, std::string& error);
bool decode(const nlohmann::json& j, std::vector<Notice>& out, std::string& error);
bool decode(const nlohmann::json& j, std::vector<Slot>& out, std::string& error);
bool decode(const nlohmann::json& j, std::vector<Schedule>& out, std::string& error);
bool decode(const nlohmann::json& j, std::vector<Alert>& out, std::string& error);
bool decode(const nlohmann::json& j, std::vector<Appointment>& out, std::string& error);
bool decode(const nlohmann::json& j, std::vector<HelpRequest>& out, std::string& error);

// Parses `text` and decodes it; for answers as they arrive from the network.
template <class T>
bool decode_text(std::string_view text, T& out, std::string& error);

}  // namespace elder
