/** The HTTP sender component and its private helpers (request body, response reading, outcome rules). */
package io.tailpost.sender.http.internal;
