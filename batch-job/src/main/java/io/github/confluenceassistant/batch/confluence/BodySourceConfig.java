package io.github.confluenceassistant.batch.confluence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.reactive.function.client.WebClient;

/** Fetch missing bodies from Confluence when credentials are configured; otherwise report them. */
@Configuration
class BodySourceConfig {

    private static final Logger log = LoggerFactory.getLogger(BodySourceConfig.class);

    @Bean
    BodySource bodySource(ConfluenceProperties confluence, WebClient.Builder webClient, JdbcTemplate jdbc,
                          PlatformTransactionManager transactions) {
        if (confluence.canFetchBodies()) {
            log.info("Pages without a body in Airbyte's tables will be fetched from {} ({})", confluence.siteUrl(),
                    confluence.flavour());
            return new ConfluenceBodyFetcher(webClient, confluence, jdbc, transactions);
        }
        return BodySource.NONE;
    }
}
