package io.edgepass.auth.user;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A username as the contract allows it: 3 to 64 of a-z, 0-9, '.', '_', '-', any case. */
@NotNull
@Pattern(regexp = ValidUsername.PATTERN)
@ReportAsSingleViolation
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {})
public @interface ValidUsername {

	String PATTERN = "^[A-Za-z0-9._-]{3,64}$";

	String message() default "must be 3 to 64 characters of a-z, 0-9, '.', '_' or '-'";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
