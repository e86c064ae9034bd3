// The bus benchmark's Vert.x side (bench/README.md, benchmark 2): a real Vert.x 3.9 SockJS event-bus bridge (the jars
// of the npm package vertx3-full) at /vertx3, with a consumer at "userservice" that does, per request, what the
// emulator does for getCurrentUser: check the accessToken as the emulator's AccessTokens.Check does (base64 without
// padding → text, split at the last '.', a 20-byte base64 signature, HMAC-SHA1 of the payload under the shared
// secret, constant-time comparison, the payload parsed as JSON, user_id and expiration read, expiration against the
// clock), then reply with the same body, key for key. The bridge and the consumer run in one verticle, so on one
// event-loop thread. Compiled by the benchmark with javac; run as: java -cp <jars>:<classes> BusBridge <secret hex>.
// Prints "listening on port N" once it accepts connections; exits when its stdin closes.

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public final class BusBridge extends AbstractVerticle {
    private static final int INVALID = 401;
    private static final int EXPIRED = 419;

    private final byte[] secret;
    private Mac mac;

    private BusBridge(byte[] secret) {
        this.secret = secret;
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(new BusBridge(HexFormat.of().parseHex(args[0])), done -> {
            if (done.failed()) {
                done.cause().printStackTrace();
                System.exit(1);
            }
        });
        while (System.in.read() >= 0) {
            // Runs until the benchmark closes stdin.
        }
        System.exit(0);
    }

    @Override
    public void start() throws GeneralSecurityException {
        // One Mac per verticle: the consumer only ever runs on this verticle's event-loop thread.
        mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret, "HmacSHA1"));
        vertx.eventBus().<JsonObject>consumer("userservice", message -> message.reply(dispatch(message.body())));
        Router router = Router.router(vertx);
        SockJSBridgeOptions bridge = new SockJSBridgeOptions()
            .addInboundPermitted(new PermittedOptions().setAddress("userservice"));
        router.mountSubRouter("/vertx3", SockJSHandler.create(vertx).bridge(bridge));
        vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1", listening -> {
            if (listening.failed()) {
                listening.cause().printStackTrace();
                System.exit(1);
            }
            System.out.println("listening on port " + listening.result().actualPort());
            System.out.flush();
        });
    }

    private JsonObject dispatch(JsonObject body) {
        if (body == null) {
            return error(400, "The request body must be a JSON object with accessToken, action and params.");
        }
        Object tokenValue = body.getValue("accessToken");
        String token = tokenValue instanceof String ? (String) tokenValue : null;
        Object checked = checkToken(token);
        if (checked.equals(EXPIRED)) {
            return error(419, "Authentication Timeout: the accessToken has expired; log in again.");
        }
        if (checked.equals(INVALID)) {
            return error(401, token == null ? "Unauthorized: the request carries no accessToken." : "Unauthorized: the accessToken is not valid.");
        }
        Object action = body.getValue("action");
        if (!(action instanceof String) || ((String) action).isEmpty()) {
            return error(400, "The request needs an action.");
        }
        Object params = body.getValue("params");
        if (body.containsKey("params") && !(params instanceof JsonObject)) {
            return error(400, "The params must be a JSON object.");
        }
        if (!action.equals("getCurrentUser")) {
            return error(400, "userservice has no action '" + action + "'.");
        }
        String userId = (String) checked;
        JsonObject user = new JsonObject()
            .put("id", userId)
            .put("login", userId)
            .put("email", userId.contains("@") ? userId : null)
            .put("channel", "solarwatt")
            .put("locale", "de_DE")
            .put("roles", new JsonArray().add("customer"))
            .put("status", "ACTIVE");
        return new JsonObject().put("status", "ok").put("result", user).put("code", 200).put("message", "ok");
    }

    /** The user id, or INVALID / EXPIRED. */
    private Object checkToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 16 * 1024) {
            return INVALID;
        }
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            int dot = text.lastIndexOf('.');
            if (dot < 0) {
                return INVALID;
            }
            byte[] signature = Base64.getDecoder().decode(text.substring(dot + 1));
            if (signature.length != 20) {
                return INVALID;
            }
            String payloadText = text.substring(0, dot);
            byte[] expected = mac.doFinal(payloadText.getBytes(StandardCharsets.UTF_8));
            if (!MessageDigest.isEqual(expected, signature)) {
                return INVALID;
            }
            JsonObject payload = new JsonObject(payloadText);
            Object userId = payload.getValue("user_id");
            Object expiration = payload.getValue("expiration");
            if (!(userId instanceof String) || !(expiration instanceof Number)) {
                return INVALID;
            }
            return System.currentTimeMillis() >= ((Number) expiration).longValue() ? EXPIRED : userId;
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            return INVALID;
        }
    }

    private static JsonObject error(int code, String message) {
        return new JsonObject().put("status", "error").put("result", (Object) null).put("code", code).put("message", message);
    }
}
