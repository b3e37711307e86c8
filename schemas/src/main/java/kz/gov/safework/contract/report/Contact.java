package kz.gov.safework.contract.report;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contact(String name, String position, String email, String phone) {
}
